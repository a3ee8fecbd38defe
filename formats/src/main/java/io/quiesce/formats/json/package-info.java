/** The JSON reader and writer the other formats are built on. */
package io.quiesce.formats.json;
