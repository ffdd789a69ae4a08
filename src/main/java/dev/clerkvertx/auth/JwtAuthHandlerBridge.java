package dev.clerkvertx.auth;

import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.auth.User;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.JWTAuthHandler;
import io.vertx.ext.web.handler.impl.AuthenticationHandlerInternal;
import io.vertx.ext.web.impl.UserContextInternal;

/**
 * The one place that reaches into Vert.x internals, so that the auth edge can use
 * {@link JWTAuthHandler} for the signature check yet own every answer itself:
 * <ul>
 *   <li>{@code JWTAuthHandler} is run through {@link AuthenticationHandlerInternal#authenticate}, which
 *       returns the verified user instead of writing its own 401 or calling the next handler;</li>
 *   <li>it reads only the {@code Authorization} header, so a token from the {@code __session} cookie,
 *       or from an untidy header, is handed to it in the one canonical form;</li>
 *   <li>Vert.x 5 sets the user only through {@link UserContextInternal#setUser}.</li>
 * </ul>
 * {@code JwtAuthHandlerBridgeTest} pins each of these, so that an upgrade breaks a test, not production.
 */
final class JwtAuthHandlerBridge {
  private JwtAuthHandlerBridge() {
  }

  /** The user vertx-auth-jwt verified from this token, or a failure for a bad signature. */
  static Future<User> authenticate(JWTAuthHandler handler, RoutingContext ctx, PresentedToken presented) {
    if (!presented.canonicalHeader()) {
      ctx.request().headers().set(HttpHeaders.AUTHORIZATION, SessionTokenSource.BEARER + presented.token());
    }
    return ((AuthenticationHandlerInternal) handler).authenticate(ctx);
  }

  /** Makes {@code ctx.user()} answer this user. */
  static void setUser(RoutingContext ctx, User user) {
    ((UserContextInternal) ctx.userContext()).setUser(user);
  }
}
