package vqlens.core.io;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Builds ZIP archives byte by byte for the tests, so every header field can be set to a lie: declared
 * sizes, CRC, flags, method, ZIP64 extra fields.
 */
final class TestZip {

    /** One member; the public fields are what the headers will declare and may be overridden. */
    static final class Member {
        final String name;
        byte[] data;          // the bytes placed in the archive (compressed if method 8)
        int method;
        int flags;
        int crc;
        long size;            // declared uncompressed size
        long compressedSize;  // declared compressed size
        boolean zip64;        // sizes as 0xFFFFFFFF in the central directory + ZIP64 extra field

        Member(String name, byte[] content, boolean deflate) {
            this.name = name;
            CRC32 c = new CRC32();
            c.update(content);
            this.crc = (int) c.getValue();
            this.size = content.length;
            this.method = deflate ? 8 : 0;
            this.data = deflate ? deflate(content) : content;
            this.compressedSize = data.length;
        }

        /** Marks the member's sizes as ZIP64 (see {@link #zip64}); returns it, to declare sizes next. */
        Member asZip64() {
            zip64 = true;
            return this;
        }
    }

    private final List<Member> members = new ArrayList<>();
    byte[] trailing = new byte[0];

    Member stored(String name, byte[] content) {
        Member m = new Member(name, content, false);
        members.add(m);
        return m;
    }

    Member deflated(String name, byte[] content) {
        Member m = new Member(name, content, true);
        members.add(m);
        return m;
    }

    byte[] build() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long[] offsets = new long[members.size()];
        for (int i = 0; i < members.size(); i++) {
            Member m = members.get(i);
            offsets[i] = out.size();
            byte[] name = m.name.getBytes(StandardCharsets.UTF_8);
            ByteBuffer h = le(30 + name.length);
            h.putInt(0x04034b50).putShort((short) 20).putShort((short) m.flags).putShort((short) m.method)
                    .putShort((short) 0).putShort((short) 33).putInt(m.crc)
                    .putInt((int) m.compressedSize).putInt((int) m.size)
                    .putShort((short) name.length).putShort((short) 0).put(name);
            out.writeBytes(h.array());
            out.writeBytes(m.data);
        }
        long cdOffset = out.size();
        for (int i = 0; i < members.size(); i++) {
            Member m = members.get(i);
            byte[] name = m.name.getBytes(StandardCharsets.UTF_8);
            int extra = m.zip64 ? 4 + 16 : 0;
            ByteBuffer h = le(46 + name.length + extra);
            h.putInt(0x02014b50).putShort((short) 20).putShort((short) 20).putShort((short) m.flags)
                    .putShort((short) m.method).putShort((short) 0).putShort((short) 33).putInt(m.crc)
                    .putInt(m.zip64 ? -1 : (int) m.compressedSize).putInt(m.zip64 ? -1 : (int) m.size)
                    .putShort((short) name.length).putShort((short) extra).putShort((short) 0)
                    .putShort((short) 0).putShort((short) 0).putInt(0).putInt((int) offsets[i]).put(name);
            if (m.zip64) {
                h.putShort((short) 1).putShort((short) 16).putLong(m.size).putLong(m.compressedSize);
            }
            out.writeBytes(h.array());
        }
        long cdSize = out.size() - cdOffset;
        ByteBuffer end = le(22);
        end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) members.size())
                .putShort((short) members.size()).putInt((int) cdSize).putInt((int) cdOffset).putShort((short) 0);
        out.writeBytes(end.array());
        out.writeBytes(trailing);
        return out.toByteArray();
    }

    static byte[] deflate(byte[] content) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        deflater.setInput(content);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
