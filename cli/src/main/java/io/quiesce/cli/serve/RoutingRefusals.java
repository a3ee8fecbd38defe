package io.quiesce.cli.serve;

import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.RejectionHandler;

import java.util.Locale;

/**
 * What routing itself refuses (no such route, a method the route does not take, a malformed
 * query) in the API's {"code","message"} shape instead of Pekko's plain text, so that a client
 * reads every refusal the same way. Status and headers (a 405's {@code Allow}) stay Pekko's.
 */
final class RoutingRefusals {
    private RoutingRefusals() {
    }

    static RejectionHandler handler() {
        return RejectionHandler.defaultHandler().mapRejectionResponse(RoutingRefusals::asJson);
    }

    static HttpResponse asJson(HttpResponse response) {
        if (!(response.entity() instanceof HttpEntity.Strict text)
                || !text.getContentType().equals(ContentTypes.TEXT_PLAIN_UTF8)) {
            return response;
        }
        int status = response.status().intValue();
        String code = switch (status) {
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            default -> response.status().reason().toUpperCase(Locale.ROOT).replaceAll("[^A-Z]+", "_");
        };
        return ApiRoutes.refusal(status, code, text.getData().utf8String()).addHeaders(response.getHeaders());
    }
}
