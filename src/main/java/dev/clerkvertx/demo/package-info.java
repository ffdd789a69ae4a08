/**
 * The seed's demo: the contract's ping routes and fields, {@code /me}, and the authorization demos.
 * Not the application's API (that is {@code dev.clerkvertx.api}); a team may drop it from
 * {@code Application}'s list of contributors.
 */
package dev.clerkvertx.demo;
