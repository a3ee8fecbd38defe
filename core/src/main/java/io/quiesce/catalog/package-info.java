/**
 * The role catalog: which Windows services a server of each role runs, their display and short
 * names, and which features (calls, conferencing, call park...) each hosts and whether those need
 * DNS load balancing to be re-routed. The built-in role is the Lync Server 2013 Front End.
 */
package io.quiesce.catalog;
