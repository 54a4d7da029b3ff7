/**
 * The Jupyter kernel "Java (Sluice)", built on JJava's kernel framework: evaluates cells with JShell in the
 * kernel's JVM, names the datasets a cell defines after the cell, and cancels the running job on an interrupt.
 * Depends on the API and the notebook's display package.
 */
package dev.sluice.notebook.kernel;
