/**
 * Who asks: a {@link io.quiesce.auth.Principal} (a name and its groups) and the
 * {@link io.quiesce.auth.Authorization} that lets members of the administrators group change
 * things. Reading is open to everyone.
 */
package io.quiesce.auth;
