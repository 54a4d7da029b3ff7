/**
 * Sluice in Jupyter notebooks: {@link dev.sluice.notebook.Notebook} is what a notebook cell calls (datasets shown
 * as tables, plans as pictures). Depends on the API.
 */
package dev.sluice.notebook;
