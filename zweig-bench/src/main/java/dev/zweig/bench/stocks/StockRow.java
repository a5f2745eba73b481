package dev.zweig.bench.stocks;

/**
 * A stock with its row's presentation decided in Java, for the logic-less engines (Mustache.java, JStachio):
 * they cannot compute a row number's parity or compare a number with zero in the template. Built once in
 * {@code @Setup}, so it gives them no per-render cost the others pay in their templates (a slight advantage,
 * noted in docs/memory-analysis.md).
 */
public final class StockRow {
    private final int index;
    private final Stock stock;

    public StockRow(int index, Stock stock) {
        this.index = index;
        this.stock = stock;
    }

    public int getIndex() {
        return index;
    }

    public String getRowClass() {
        return index % 2 == 1 ? "odd" : "even";
    }

    public boolean isNegative() {
        return stock.getChange() < 0;
    }

    public Stock getStock() {
        return stock;
    }
}
