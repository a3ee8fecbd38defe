/** Reading a role catalog file, strictly: every refusal names the file, the role and the field. */
package io.quiesce.formats.catalog;
