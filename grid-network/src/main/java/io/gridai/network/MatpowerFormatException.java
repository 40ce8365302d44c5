package io.gridai.network;

/**
 * A MATPOWER case file that cannot be read: its message names the file (or source name), the 1-based line and
 * what was wrong, as in {@code case9.m:31: mpc.bus row 3 has 12 columns, at least 13 expected}.
 */
public class MatpowerFormatException extends GridNetworkException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;

    /**
     * @param source the file or source name
     * @param line   the 1-based line where the problem was found, 0 when it concerns the whole file
     * @param what   what was wrong
     */
    public MatpowerFormatException(String source, int line, String what) {
        super(line > 0 ? source + ":" + line + ": " + what : source + ": " + what);
        this.source = source;
        this.line = line;
    }

    /** The file or source name the problem was found in. */
    public String source() {
        return source;
    }

    /** The 1-based line of the problem; 0 when it concerns the whole file. */
    public int line() {
        return line;
    }
}
