package org.kubeedgej.shared.model;

/**
 * Resource types: the {@code <type>} segment of a resource string (see {@link ResourcePath}).
 */
public final class ResourceTypes {

    // beehive model.Message (staging/src/github.com/kubeedge/beehive/pkg/core/model/message.go)
    public static final String POD = "pod";
    public static final String POD_LIST = "podlist";
    public static final String POD_STATUS = "podstatus";
    public static final String POD_PATCH = "podpatch";
    public static final String CONFIGMAP = "configmap";
    public static final String SECRET = "secret";
    public static final String SERVICE = "service";
    public static final String NODE = "node";
    public static final String NODE_STATUS = "nodestatus";
    public static final String NODE_PATCH = "nodepatch";
    public static final String EVENT = "event";
    public static final String LEASE = "lease";
    public static final String SERVICE_ACCOUNT_TOKEN = "serviceaccounttoken";
    public static final String SERVICE_ACCOUNT_ACCESS = "serviceaccountaccess";
    public static final String RULE = "rule";
    public static final String RULE_ENDPOINT = "ruleendpoint";
    public static final String RULE_STATUS = "rulestatus";
    public static final String CERTIFICATE_SIGNING_REQUEST = "certificatesigningrequest";
    /** The cluster CA; the whole resource string is this value (no namespace). */
    public static final String K8S_CA = "k8s/ca.crt";

    // Devices (cloud/pkg/cloudhub/common/model/types.go, cloud/pkg/common/messagelayer/util.go)
    /** Cloud→edge membership updates use resource {@code node/<node>/membership}. */
    public static final String MEMBERSHIP = "membership";
    public static final String MEMBERSHIP_DETAIL = "membership/detail";
    public static final String DEVICE = "device";
    public static final String TWIN = "twin";
    /** Edge→cloud twin reports use resource {@code device/<namespace>/<name>/twin/edge_updated}. */
    public static final String TWIN_EDGE_UPDATED = "twin/edge_updated";
    public static final String STATE_UPDATE = "state/update";

    // Edge-internal (edge/pkg/common/message/message.go)
    public static final String NODE_CONNECTION = "node/connection";

    private ResourceTypes() {
        throw new AssertionError("no instances");
    }
}
