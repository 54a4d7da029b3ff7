/**
 * Partitioners: which reduce partition a key goes to (hash and range). Shared by the API, the planner (which uses
 * them to tell whether a shuffle can be skipped) and the runtime. Depends on nothing else of Sluice.
 */
package dev.sluice.partition;
