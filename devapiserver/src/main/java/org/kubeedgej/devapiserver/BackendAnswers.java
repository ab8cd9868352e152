package org.kubeedgej.devapiserver;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import tools.jackson.databind.JsonNode;

/** Passes the mock's answer on to the client: objects in the requested version and without private marks. */
final class BackendAnswers {
    private BackendAnswers() {
    }

    static void answer(HttpExchange exchange, ResourceTarget target, String name, Backend.Response response)
            throws IOException {
        if (!response.ok()) {
            failure(exchange, target, name, response);
            return;
        }
        JsonNode body = response.json();
        if (body.isObject()) {
            Exchanges.sendJson(exchange, response.code(), GracefulDeletion.hide(target.served(body)));
        } else {
            Exchanges.send(exchange, response.code(), "application/json", response.body());
        }
    }

    static void failure(HttpExchange exchange, ResourceTarget target, String name, Backend.Response response)
            throws IOException {
        Exchanges.sendStatus(exchange, StatusResponses.fromBackend(response.code(), response.body(),
                target.qualified(), name));
    }
}
