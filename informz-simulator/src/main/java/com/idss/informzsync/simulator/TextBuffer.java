package com.idss.informzsync.simulator;

import java.io.Writer;

/**
 * A {@link Writer} into a plain {@link StringBuilder}. {@code StringWriter} appends to a synchronized
 * {@code StringBuffer}, one lock per piece the StAX writer hands it: a measurable share of the
 * simulator's CPU when it answers with megabytes of grid rows.
 */
final class TextBuffer extends Writer {

    private final StringBuilder text;

    TextBuffer(int expectedLength) {
        this.text = new StringBuilder(expectedLength);
    }

    @Override
    public void write(int c) {
        text.append((char) c);
    }

    @Override
    public void write(char[] chars, int offset, int length) {
        text.append(chars, offset, length);
    }

    @Override
    public void write(String string, int offset, int length) {
        text.append(string, offset, offset + length);
    }

    @Override
    public Writer append(CharSequence sequence) {
        text.append(sequence);
        return this;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
