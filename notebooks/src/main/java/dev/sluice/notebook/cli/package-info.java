/**
 * The command line of the notebook kernel: installing its kernel spec for Jupyter and starting it.
 */
package dev.sluice.notebook.cli;
