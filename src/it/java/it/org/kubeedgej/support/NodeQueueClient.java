package it.org.kubeedgej.support;

import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * Plays the controllers' side of downstream delivery from outside cloudcore: puts KubeEdge messages on a node's
 * queue (kubeedge.node.&lt;node&gt;, last value keyed by the object's UID) and looks at what is still waiting there.
 */
public final class NodeQueueClient implements AutoCloseable {

    private static final String LAST_VALUE_KEY = "_AMQ_LVQ_NAME";
    private final ActiveMQConnectionFactory factory;

    /** @param brokerPort cloudcore's embedded broker port on 127.0.0.1 */
    public NodeQueueClient(int brokerPort) {
        factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort);
    }

    /**
     * @param msgId the message id
     * @param operation insert, update or delete
     * @param resource the resource string (cloud form)
     * @param content the object as JSON
     * @return the KubeEdge message JSON
     */
    public static String message(String msgId, String operation, String resource, String content) {
        return "{\"header\":{\"msg_id\":\"" + msgId + "\",\"timestamp\":" + System.currentTimeMillis()
                + "},\"route\":{\"source\":\"edgecontroller\",\"group\":\"resource\",\"operation\":\"" + operation
                + "\",\"resource\":\"" + resource + "\"},\"content\":" + content + "}";
    }

    /**
     * Sends a message as the controllers do: persistent, keyed by UID (a delete gets a key of its own, so it never
     * replaces or is replaced).
     *
     * @param node the node
     * @param uid the object's UID
     * @param isDelete whether it is a delete
     * @param json the message
     */
    public void send(String node, String uid, boolean isDelete, String json) {
        try (JMSContext context = factory.createContext()) {
            TextMessage message = context.createTextMessage(json);
            message.setStringProperty(LAST_VALUE_KEY, isDelete ? uid + ":delete:" + UUID.randomUUID() : uid);
            context.createProducer().send(context.createQueue("kubeedge.node." + node), message);
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param node the node
     * @return the messages waiting on its queue, oldest first
     */
    public List<String> waiting(String node) {
        try (JMSContext context = factory.createContext()) {
            Queue queue = context.createQueue("kubeedge.node." + node);
            List<String> texts = new ArrayList<>();
            try (QueueBrowser browser = context.createBrowser(queue)) {
                for (Object m : Collections.list(browser.getEnumeration())) {
                    texts.add(((TextMessage) m).getText());
                }
            }
            return texts;
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        factory.close();
    }
}
