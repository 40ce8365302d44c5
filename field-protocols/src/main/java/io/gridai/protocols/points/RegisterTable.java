package io.gridai.protocols.points;

/** The Modbus data table a register is read from. */
public enum RegisterTable {
    /** Holding registers, read with function 3 (Read Holding Registers). */
    HOLDING(3),
    /** Input registers, read with function 4 (Read Input Registers). */
    INPUT(4);

    private final int functionCode;

    RegisterTable(int functionCode) {
        this.functionCode = functionCode;
    }

    /** The Modbus function code that reads this table. */
    public int functionCode() {
        return functionCode;
    }
}
