package dev.zweig.bench.stocks;

import io.jstach.jstache.JStache;
import java.util.List;

/** JStachio's model for the stocks page; its renderer (StocksModelRenderer) is generated at build time. */
@JStache(template = Stocks.MUSTACHE)
public record StocksModel(List<StockRow> items) {
}
