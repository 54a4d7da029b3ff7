/**
 * Settings: {@link dev.sluice.config.SluiceConfig} holds {@code sluice.*} keys, each declared once as a typed
 * {@link dev.sluice.config.ConfigKey} in {@link dev.sluice.config.ConfigKeys} with its default and parser, so that
 * an unknown key or a malformed value fails at once, naming it. Depends on nothing else of Sluice.
 */
package dev.sluice.config;
