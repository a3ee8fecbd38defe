/**
 * What happened, as recorded: the sealed {@link io.quiesce.event.Event} records the rules decide
 * and the state is rebuilt from, and their stable type names in histories and journals.
 */
package io.quiesce.event;
