package org.kubeedgej.devapiserver;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import io.kubernetes.client.proto.Runtime;
import java.util.Arrays;
import tools.jackson.databind.node.ObjectNode;

/**
 * Decodes a Kubernetes protobuf body: the magic {@code k8s\0}, then a runtime.Unknown whose typeMeta names the kind
 * and whose raw bytes are that kind's message. Kinds this server has no message for are refused with 415.
 */
final class ProtobufBodies {
    private static final byte[] MAGIC = {'k', '8', 's', 0};
    private static final ProtobufJson TO_JSON = new ProtobufJson(GoJsonFields.KUBERNETES);

    private ProtobufBodies() {
    }

    static ObjectNode decode(byte[] body) throws StatusException {
        if (body.length < MAGIC.length || !Arrays.equals(body, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw badRequest("it does not start with the Kubernetes protobuf magic number k8s\\0");
        }
        Runtime.Unknown envelope;
        try {
            envelope = Runtime.Unknown.parser().parseFrom(body, MAGIC.length, body.length - MAGIC.length);
        } catch (InvalidProtocolBufferException e) {
            throw badRequest("its runtime.Unknown envelope is malformed: " + e.getMessage());
        }
        String apiVersion = envelope.getTypeMeta().getApiVersion();
        String kind = envelope.getTypeMeta().getKind();
        if (!envelope.getContentEncoding().isEmpty()) {
            throw unsupported(kind, "content encoding " + envelope.getContentEncoding() + " is not supported");
        }
        Descriptor type = ProtobufKinds.find(apiVersion, kind).orElseThrow(() -> unsupported(kind,
                "this development server decodes protobuf bodies of " + ProtobufKinds.names() + " only; send "
                        + apiVersion + " " + kind + " as application/json"));
        DynamicMessage message;
        try {
            message = DynamicMessage.parseFrom(type, envelope.getRaw());
        } catch (InvalidProtocolBufferException e) {
            throw badRequest("its " + kind + " message is malformed: " + e.getMessage());
        }
        ObjectNode json = Json.object();
        json.put("apiVersion", apiVersion);
        json.put("kind", kind);
        try {
            json.setAll(TO_JSON.object(message));
        } catch (RuntimeException e) {
            // Embedded raw JSON (managedFields, RawExtension) that does not parse.
            throw badRequest("its " + kind + " message holds an undecodable value: " + e.getMessage());
        }
        return json;
    }

    private static StatusException badRequest(String why) {
        return new StatusException(StatusResponses.badRequest("the protobuf request body cannot be decoded: " + why));
    }

    private static StatusException unsupported(String kind, String why) {
        ObjectNode status = StatusResponses.failure(415, "UnsupportedMediaType",
                "the body of the request was in an unknown format - " + MediaTypes.PROTOBUF + " for kind "
                        + (kind.isEmpty() ? "(none)" : kind) + ": " + why);
        status.putObject("details").put("kind", kind);
        return new StatusException(status);
    }
}
