package io.quiesce.cli;

import picocli.CommandLine.IParameterConsumer;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

import java.util.ArrayList;
import java.util.List;
import java.util.Stack;

/**
 * Reads one {@code --at OFFSET COMMAND...}: every word up to the next option of simulate itself,
 * so that {@code --at 10s pause fe01 --force --at 5m restart fe01} gives two steps. A step with
 * options of simulate's own (--json, --data, --as...) must be quoted as one word.
 */
public final class StepWords implements IParameterConsumer {
    @Override
    public void consumeParameters(Stack<String> args, ArgSpec argSpec, CommandSpec commandSpec) {
        List<String> words = new ArrayList<>();
        while (!args.isEmpty() && (words.isEmpty() || !commandSpec.optionsMap().containsKey(args.peek()))) {
            words.add(args.pop());
        }
        if (words.isEmpty()) {
            throw new ParameterException(commandSpec.commandLine(), "--at needs a time and a command, as in"
                    + " --at \"10s pause fe01\"");
        }
        List<List<String>> steps = argSpec.getValue();
        steps.add(words);
    }
}
