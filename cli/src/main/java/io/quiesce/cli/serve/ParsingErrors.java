package io.quiesce.cli.serve;

import io.quiesce.formats.json.JsonText;
import org.apache.pekko.event.LoggingAdapter;
import org.apache.pekko.http.ParsingErrorHandler;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.scaladsl.model.ErrorInfo;
import org.apache.pekko.http.scaladsl.model.StatusCode;
import org.apache.pekko.http.scaladsl.settings.ServerSettings;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answer to a request too malformed to route (bad request line, unknown HTTP version, headers
 * past the limits): the caller's fault, so a 4xx in the API's {"code","message"} shape, where Pekko
 * would answer some of them with a 5xx (505 for an HTTP version it does not speak).
 */
public final class ParsingErrors extends ParsingErrorHandler {
    /** Pekko looks the handler up as a Scala object: this is its instance. */
    public static final ParsingErrors MODULE$ = new ParsingErrors();

    @Override
    public HttpResponse handle(StatusCode status, ErrorInfo info, LoggingAdapter log, ServerSettings settings) {
        int code = status.intValue() >= 500 ? 400 : status.intValue();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", "MALFORMED_REQUEST");
        body.put("message", info.summary());
        return HttpResponse.create().withStatus(StatusCodes.get(code))
                .withEntity(ContentTypes.APPLICATION_JSON, JsonText.write(body));
    }
}
