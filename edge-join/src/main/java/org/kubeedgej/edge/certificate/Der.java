package org.kubeedgej.edge.certificate;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Just enough DER (ITU-T X.690) to write a PKCS#10 request and a SEC1 key: tag-length-value with definite lengths.
 * The JDK signs and encodes public keys itself; only the envelopes around them are written here. Public for
 * EdgeCore's PEM reading, which wraps a SEC1 key in a PKCS#8 envelope.
 */
public final class Der {

    static final int INTEGER = 0x02;
    static final int BIT_STRING = 0x03;
    static final int OCTET_STRING = 0x04;
    static final int OID = 0x06;
    static final int UTF8_STRING = 0x0c;
    static final int SEQUENCE = 0x30;
    static final int SET = 0x31;

    /** 2.5.4.3 commonName. */
    static final byte[] COMMON_NAME = {0x55, 0x04, 0x03};
    /** 2.5.4.10 organizationName. */
    static final byte[] ORGANIZATION = {0x55, 0x04, 0x0a};
    /** 1.2.840.10045.4.3.2 ecdsa-with-SHA256. */
    static final byte[] ECDSA_WITH_SHA256 = {0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x04, 0x03, 0x02};
    /** 1.2.840.10045.3.1.7 prime256v1 (secp256r1, NIST P-256). */
    static final byte[] PRIME256V1 = {0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x03, 0x01, 0x07};

    private Der() {
        throw new AssertionError();
    }

    public static byte[] tlv(int tag, byte[]... parts) {
        ByteArrayOutputStream value = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            value.writeBytes(part);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        writeLength(out, value.size());
        out.writeBytes(value.toByteArray());
        return out.toByteArray();
    }

    static byte[] sequence(byte[]... parts) {
        return tlv(SEQUENCE, parts);
    }

    static byte[] smallInteger(int value) {
        if (value < 0 || value > 127) {
            throw new IllegalArgumentException("only 0..127 here: " + value);
        }
        return tlv(INTEGER, new byte[] {(byte) value});
    }

    static byte[] oid(byte[] encoded) {
        return tlv(OID, encoded);
    }

    static byte[] utf8(String text) {
        return tlv(UTF8_STRING, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A BIT STRING of whole bytes (no unused bits). */
    static byte[] bitString(byte[] bytes) {
        return tlv(BIT_STRING, new byte[] {0}, bytes);
    }

    /** {@code [n]} EXPLICIT, constructed, context-specific. */
    static byte[] explicit(int n, byte[] inner) {
        return tlv(0xa0 | n, inner);
    }

    /** One relative distinguished name holding one attribute: SET { SEQUENCE { type, UTF8String value } }. */
    static byte[] rdn(byte[] type, String value) {
        return tlv(SET, sequence(oid(type), utf8(value)));
    }

    private static void writeLength(ByteArrayOutputStream out, int length) {
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else if (length < 0x10000) {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length & 0xff);
        } else {
            out.write(0x83);
            out.write(length >> 16);
            out.write((length >> 8) & 0xff);
            out.write(length & 0xff);
        }
    }
}
