package io.gridai.protocols.points;

import java.util.Objects;

/**
 * One value of a Modbus device: where it is (table and zero-based register address), how its registers read as a
 * number (type and word order) and what it becomes in GridAI ({@code number × scale} in {@code target.unit()}).
 *
 * @param name      the register's name in configuration, used in messages
 * @param table     holding or input registers
 * @param address   zero-based address of its first register (the protocol address: Modicon 40001 is 0)
 * @param type      its number format; 32-bit types occupy {@code address} and {@code address + 1}
 * @param wordOrder which of two registers is the high word (ignored for 16-bit types)
 * @param target    asset, kind, unit and scale
 */
public record ModbusRegister(String name, RegisterTable table, int address, RegisterType type, WordOrder wordOrder,
        PointTarget target) {

    /** Highest register address. */
    public static final int MAX_ADDRESS = 65_535;

    public ModbusRegister {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(wordOrder, "wordOrder");
        Objects.requireNonNull(target, "target");
        if (address < 0 || address + type.words() - 1 > MAX_ADDRESS) {
            throw new IllegalArgumentException("register " + name + ": address " + address + " with " + type.words()
                    + " word(s) does not fit 0.." + MAX_ADDRESS + "; give the zero-based protocol address"
                    + " (Modicon 40001 is 0)");
        }
    }

    @Override
    public String toString() {
        return name + " (" + table.name().toLowerCase(java.util.Locale.ROOT) + " " + address + " " + type
                + (type.words() > 1 ? " " + wordOrder : "") + ")";
    }
}
