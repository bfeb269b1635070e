package org.hyperstrand.tools;

import picocli.CommandLine;

/**
 * Bad command-line input as one line on stderr, named after the command it was given to, with
 * exit status 2. Picocli's own handler follows the message with the whole usage text, which
 * buries the one line that says what is wrong.
 */
final class OneLineUsageErrors implements CommandLine.IParameterExceptionHandler {

    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        String name = cl.getCommandSpec().qualifiedName();
        String message = e.getMessage();
        String hint = message.contains("--help") ? "" : " (see " + name + " --help)";
        cl.getErr().println(name + ": " + message + hint);
        return cl.getCommandSpec().exitCodeOnInvalidInput();
    }
}
