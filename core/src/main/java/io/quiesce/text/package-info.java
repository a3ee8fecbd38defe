/** Small text helpers shared by messages: input quoted in a message stays on one line. */
package io.quiesce.text;
