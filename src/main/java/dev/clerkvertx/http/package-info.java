/**
 * HTTP: the verticle, the routing table built from {@link dev.clerkvertx.http.RouteContributor}s
 * (authenticated routes declared through {@link dev.clerkvertx.http.Routing}), methods, CORS, bodies,
 * failure answers, the GraphQL endpoint, the operations endpoints and the GraphiQL page. It knows no
 * application route and no dev mode: those are contributed.
 */
package dev.clerkvertx.http;
