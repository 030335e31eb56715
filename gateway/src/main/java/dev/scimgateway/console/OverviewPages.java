package dev.scimgateway.console;

import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * A tenant's landing page: how many users (active, deactivated) and groups it has, what its IdP did
 * in the last 24 hours, and how much of its rate limit it spends. The page's script polls
 * {@code …/overview/figures} while it is open, so an onboarding burst shows its progress live.
 */
final class OverviewPages {

    private final TenantFigures figures;
    private final ConsolePages pages;

    OverviewPages(TenantFigures figures, ConsolePages pages) {
        this.figures = figures;
        this.pages = pages;
    }

    RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .GET(ConsolePaths.OVERVIEW, this::overview)
                .GET(ConsolePaths.FIGURES, this::figures)
                .build();
    }

    private Mono<ServerResponse> overview(ServerRequest request) {
        String tenantId = request.pathVariable("tenantId");
        return Mono.zip(figures.figures(tenantId), figures.lastDay(tenantId))
                .flatMap(both -> pages.render(request, HttpStatus.OK, "overview", "Overview",
                        Views.tenantNav(tenantId, "overview"), ConsolePages.values(
                                "tenant", tenantId,
                                "figures", both.getT1(),
                                "figuresHref", ConsolePaths.figures(tenantId),
                                "chart", both.getT2(),
                                "activityHref", ConsolePaths.activity(tenantId),
                                "errorsHref", ConsolePaths.withQuery(ConsolePaths.activity(tenantId), "kind", "error"),
                                "limitsHref", ConsolePaths.limits(tenantId),
                                "usersHref", ConsolePaths.users(tenantId),
                                "groupsHref", ConsolePaths.groups(tenantId),
                                "connectHref", ConsolePaths.connect(tenantId))))
                .onErrorResume(error -> pages.failure(request, error));
    }

    /** The figures as JSON, for the page's script; a session that ended gets the sign-in page, not JSON, and it stops. */
    private Mono<ServerResponse> figures(ServerRequest request) {
        return figures.figures(request.pathVariable("tenantId"))
                .flatMap(current -> ServerResponse.ok()
                        .contentType(MediaType.APPLICATION_JSON)
                        .cacheControl(CacheControl.noStore())
                        .bodyValue(Map.of("figures", current)))
                .onErrorResume(error -> pages.failure(request, error));
    }
}
