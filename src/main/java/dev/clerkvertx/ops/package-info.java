/** Operations: Prometheus metrics, health and readiness checks, the access log. */
package dev.clerkvertx.ops;
