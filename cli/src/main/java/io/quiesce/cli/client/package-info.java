/**
 * The command line's side of a running {@code quiesce serve}: finding it ({@code serve.json}),
 * asking it over plain JDK HTTP, and following its event stream. Loads no actor system and no
 * journal, so a call answered by a server starts fast.
 */
package io.quiesce.cli.client;
