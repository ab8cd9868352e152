/**
 * A DEVELOPMENT Kubernetes API server for KubeEdge-J: in memory, plain HTTP on 127.0.0.1, never for production.
 *
 * <p>It is started when no real cluster is given (and by tests). The storage, resourceVersions and CRD handling come
 * from fabric8's {@code KubernetesMockServer} in CRUD mode, which runs behind a JDK {@code HttpServer} front. The front
 * adds what real clients need and the mock lacks: chunked HTTP watches (the mock only watches over WebSocket),
 * discovery, a minimal OpenAPI v3, Table output for kubectl, strategic merge patch, Established CRDs, graceful pod
 * deletion, field selectors on any field and Status errors shaped like a real server's. It decodes Kubernetes
 * protobuf request bodies of the kinds an edge system and kubectl create ({@link ProtobufBodies}) and answers JSON;
 * all served versions of a CRD share one store ({@link ResourceTarget}).
 */
package org.kubeedgej.devapiserver;
