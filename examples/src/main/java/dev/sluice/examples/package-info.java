/**
 * Example programs shipped in the distribution's examples jar and run by {@code bin/sluice submit}. Depend on the
 * API only.
 */
package dev.sluice.examples;
