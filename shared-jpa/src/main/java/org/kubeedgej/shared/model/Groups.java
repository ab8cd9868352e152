package org.kubeedgej.shared.model;

/**
 * Route groups ({@code route.group}) and module names ({@code route.source}) used by KubeEdge.
 */
public final class Groups {

    // Edge groups (edge/pkg/common/modules/group.go)
    public static final String HUB = "hub";
    public static final String META = "meta";
    public static final String EDGED = "edged";
    public static final String TWIN = "twin";
    public static final String BUS = "bus";
    public static final String USER = "user";
    public static final String EDGE_STREAM = "edgestream";
    public static final String TASK_MANAGER = "taskmanager";
    /** The group of cloud→edge resource traffic and of keepalives (edge/pkg/common/message/message.go). */
    public static final String RESOURCE = "resource";
    public static final String FUNC = "func";

    // Edge module names (edge/pkg/common/modules/names.go)
    /** EdgeHub's module name, the source of keepalives. */
    public static final String WEBSOCKET = "websocket";
    public static final String METAMANAGER = "metamanager";
    public static final String EVENTBUS = "eventbus";
    public static final String SERVICEBUS = "servicebus";
    /** The source of EdgeHub's connect/disconnect notices to edge modules. */
    public static final String EDGEHUB = "edgehub";

    // Cloud module names, which are also their group names (cloud/pkg/common/modules/modules.go)
    public static final String CLOUDHUB = "cloudhub";
    public static final String EDGECONTROLLER = "edgecontroller";
    public static final String DEVICECONTROLLER = "devicecontroller";
    public static final String SYNCCONTROLLER = "synccontroller";
    public static final String DYNAMICCONTROLLER = "dynamiccontroller";
    public static final String POLICYCONTROLLER = "policycontroller";
    public static final String ROUTER = "router";
    /** The source MetaServer uses for its application messages (pkg/metaserver/constants.go). */
    public static final String METASERVER = "metaserver";

    private Groups() {
        throw new AssertionError("no instances");
    }
}
