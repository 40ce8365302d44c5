/**
 * Field protocols: decoders and clients for what substations, RTUs, inverters and PMUs speak (IEEE C37.118.2,
 * IEC 60870-5-104, Modbus TCP), turned into GridAI measurements; and reading of classic pcap captures to test them.
 */
package io.gridai.protocols;
