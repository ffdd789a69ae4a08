/** HTTP: the verticle, the routing table, failure answers and the GraphiQL page. */
package dev.clerkvertx.http;
