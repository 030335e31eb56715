package dev.scimgateway.console;

import dev.scimgateway.scim.protocol.ScimException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Users and Groups: the pages where a tenant admin checks what the IdP pushed. Read-only, since the
 * IdP owns this data. Every list is a keyset page of {@link #PAGE} rows: the next page starts after
 * the last row shown, so no page reads more than it shows, however large the tenant or the group.
 */
final class DirectoryPages {

    static final int PAGE = 50;
    private static final int MAX_SEARCH = 200;

    private final TenantDirectory directory;
    private final ConsolePages pages;
    private final Clock clock;

    DirectoryPages(TenantDirectory directory, ConsolePages pages, Clock clock) {
        this.directory = directory;
        this.pages = pages;
        this.clock = clock;
    }

    RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .GET(ConsolePaths.USERS, this::users)
                .GET(ConsolePaths.USER, this::user)
                .GET(ConsolePaths.GROUPS, this::groups)
                .GET(ConsolePaths.GROUP, this::group)
                .build();
    }

    private Mono<ServerResponse> users(ServerRequest request) {
        String tenantId = request.pathVariable("tenantId");
        String search = request.queryParam("q").orElse("").strip();
        String after = request.queryParam("after").orElse("");
        if (search.length() > MAX_SEARCH) {
            return pages.failure(request, ScimException.invalidValue("Search for at most " + MAX_SEARCH + " characters."));
        }
        return page(directory.users(tenantId, search.isEmpty() ? null : search, after, PAGE + 1), user -> user.key(),
                key -> search.isEmpty() ? ConsolePaths.withQuery(ConsolePaths.users(tenantId), "after", key)
                        : ConsolePaths.withQuery(ConsolePaths.users(tenantId), "q", search, "after", key))
                .flatMap(page -> pages.render(request, HttpStatus.OK, "users", "Users", Views.tenantNav(tenantId, "users"),
                        ConsolePages.values(
                                "tenant", tenantId,
                                "search", search,
                                "searched", !search.isEmpty(),
                                "action", ConsolePaths.users(tenantId),
                                "users", page.rows().stream()
                                        .map(user -> Views.UserRow.of(user, ConsolePaths.user(tenantId, user.id()))).toList(),
                                "next", page.next(),
                                "first", after.isEmpty() ? null : firstPage(ConsolePaths.users(tenantId), search))))
                .onErrorResume(error -> pages.failure(request, error));
    }

    private Mono<ServerResponse> user(ServerRequest request) {
        String tenantId = request.pathVariable("tenantId");
        Instant now = clock.instant();
        return id(request, "userId", "user")
                .flatMap(id -> directory.user(tenantId, id))
                .switchIfEmpty(Mono.error(() -> notFound(request, "user", "userId")))
                .zipWhen(user -> directory.groupsOf(tenantId, user.id())
                        .map(group -> new Views.GroupLink(group.displayName(), group.direct() ? "direct" : "indirect",
                                ConsolePaths.group(tenantId, group.id())))
                        .collectList())
                .flatMap(found -> {
                    TenantDirectory.UserDetail user = found.getT1();
                    return pages.render(request, HttpStatus.OK, "user", "User " + user.userName(),
                            Views.tenantNav(tenantId, "users"), ConsolePages.values(
                                    "tenant", tenantId,
                                    "userName", user.userName(),
                                    "displayName", Views.orEmpty(user.displayName()),
                                    "email", Views.orEmpty(user.email()),
                                    "externalId", Views.orEmpty(user.externalId()),
                                    "status", Views.status(user.active()),
                                    "created", Times.of(user.created(), now),
                                    "lastModified", Times.of(user.lastModified(), now),
                                    "groups", found.getT2(),
                                    "back", ConsolePaths.users(tenantId)));
                })
                .onErrorResume(error -> pages.failure(request, error));
    }

    private Mono<ServerResponse> groups(ServerRequest request) {
        String tenantId = request.pathVariable("tenantId");
        String after = request.queryParam("after").orElse("");
        Instant now = clock.instant();
        return page(directory.groups(tenantId, after, PAGE + 1), group -> group.key(),
                key -> ConsolePaths.withQuery(ConsolePaths.groups(tenantId), "after", key))
                .flatMap(page -> pages.render(request, HttpStatus.OK, "groups", "Groups", Views.tenantNav(tenantId, "groups"),
                        ConsolePages.values(
                                "tenant", tenantId,
                                "groups", page.rows().stream()
                                        .map(group -> Views.GroupRow.of(group, now, ConsolePaths.group(tenantId, group.id())))
                                        .toList(),
                                "next", page.next(),
                                "first", after.isEmpty() ? null : ConsolePaths.groups(tenantId))))
                .onErrorResume(error -> pages.failure(request, error));
    }

    private Mono<ServerResponse> group(ServerRequest request) {
        String tenantId = request.pathVariable("tenantId");
        Instant now = clock.instant();
        return id(request, "groupId", "group")
                .flatMap(id -> directory.group(tenantId, id))
                .switchIfEmpty(Mono.error(() -> notFound(request, "group", "groupId")))
                .flatMap(group -> afterMember(request).flatMap(after -> {
                    String here = ConsolePaths.group(tenantId, group.id());
                    return page(directory.members(tenantId, group.id(), after.orElse(null), PAGE + 1),
                            member -> member.id().toString(), key -> ConsolePaths.withQuery(here, "after", key))
                            .flatMap(page -> pages.render(request, HttpStatus.OK, "group", "Group " + group.displayName(),
                                    Views.tenantNav(tenantId, "groups"), ConsolePages.values(
                                            "tenant", tenantId,
                                            "displayName", group.displayName(),
                                            "externalId", Views.orEmpty(group.externalId()),
                                            "memberCount", group.members(),
                                            "created", Times.of(group.created(), now),
                                            "lastModified", Times.of(group.lastModified(), now),
                                            "members", page.rows().stream().map(member -> Views.MemberRow.of(member,
                                                    member.type().equals("Group") ? ConsolePaths.group(tenantId, member.id())
                                                            : ConsolePaths.user(tenantId, member.id()))).toList(),
                                            "next", page.next(),
                                            "first", after.isPresent() ? here : null,
                                            "back", ConsolePaths.groups(tenantId))));
                }))
                .onErrorResume(error -> pages.failure(request, error));
    }

    /** The rows of one page, and the link to the next when there is one (the query asked one row more than it shows). */
    private record Page<T>(List<T> rows, Views.@Nullable Next next) {}

    private static <T> Mono<Page<T>> page(Flux<T> rowsAndOneMore, Function<T, String> key, Function<String, String> nextHref) {
        return rowsAndOneMore.collectList().map(rows -> rows.size() <= PAGE ? new Page<>(rows, null)
                : new Page<>(rows.subList(0, PAGE), new Views.Next(nextHref.apply(key.apply(rows.get(PAGE - 1))))));
    }

    private static String firstPage(String path, String search) {
        return search.isEmpty() ? path : ConsolePaths.withQuery(path, "q", search);
    }

    /** The id in the path; one that is no UUID names nothing here, so it is a 404 like an unknown id. */
    private static Mono<UUID> id(ServerRequest request, String variable, String kind) {
        try {
            return Mono.just(UUID.fromString(request.pathVariable(variable)));
        } catch (IllegalArgumentException e) {
            return Mono.error(notFound(request, kind, variable));
        }
    }

    private static Mono<java.util.Optional<UUID>> afterMember(ServerRequest request) {
        String after = request.queryParam("after").orElse("");
        if (after.isEmpty()) {
            return Mono.just(java.util.Optional.empty());
        }
        try {
            return Mono.just(java.util.Optional.of(UUID.fromString(after)));
        } catch (IllegalArgumentException e) {
            return Mono.error(ScimException.invalidValue("The page link is not valid; open the group again."));
        }
    }

    /** The same answer for an id of another tenant as for one that does not exist: nothing tells them apart. */
    private static ScimException notFound(ServerRequest request, String kind, String variable) {
        return ScimException.notFound("Tenant '" + request.pathVariable("tenantId") + "' has no " + kind + " "
                + request.pathVariable(variable));
    }
}
