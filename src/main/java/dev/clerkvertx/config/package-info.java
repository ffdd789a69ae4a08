/** Configuration: the Setting table, layered loading (table defaults, conf/config.json, .env, environment), validation. */
package dev.clerkvertx.config;
