/** Configuration: layered loading (defaults, conf/config.json, .env, environment) and validation. */
package dev.clerkvertx.config;
