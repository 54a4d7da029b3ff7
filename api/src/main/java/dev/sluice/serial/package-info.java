/**
 * Java serialization of user functions and lineage: lambdas and method references, class loading on the
 * executors, and the debugger that names the field that made a closure unserializable. Depends on nothing else
 * of Sluice.
 */
package dev.sluice.serial;
