package dev.zweig.bench.stocks;

import java.util.ArrayList;
import java.util.List;

/**
 * The classic stocks page (after the template-benchmark projects): a 20-row table of quotes with alternating
 * row classes, a "minus" class on falling stocks, and decimal numbers. Every engine renders the same
 * {@link Stock} objects to the same text, compared whitespace-normalised in each benchmark's {@code @Setup}.
 *
 * <p>The numbers are chosen so that every engine prints them alike (Java's {@code Double.toString} and PHP's
 * float printing agree on them: no integral values, nothing below 0.001). Two names carry {@code &}, so escaping
 * is exercised.
 */
public final class Stocks {
    private Stocks() {
    }

    /** The 20 quotes (a fresh list). */
    public static List<Stock> items() {
        List<Stock> s = new ArrayList<>();
        s.add(new Stock("ADBE", "Adobe Systems", "https://www.adobe.com", 39.26, 0.13, 0.33));
        s.add(new Stock("AMD", "Advanced Micro Devices", "https://www.amd.com", 16.22, 0.17, 1.06));
        s.add(new Stock("AMZN", "Amazon.com", "https://www.amazon.com", 36.85, -0.23, -0.62));
        s.add(new Stock("AAPL", "Apple", "https://www.apple.com", 85.38, -0.87, -1.01));
        s.add(new Stock("T", "AT&T", "https://www.att.com", 25.57, 0.14, 0.55));
        s.add(new Stock("ADSK", "Autodesk", "https://www.autodesk.com", 22.94, 0.26, 1.15));
        s.add(new Stock("CSCO", "Cisco Systems", "https://www.cisco.com", 16.83, 0.26, 1.57));
        s.add(new Stock("DELL", "Dell", "https://www.dell.com", 12.87, 0.19, 1.5));
        s.add(new Stock("EBAY", "eBay", "https://www.ebay.com", 32.53, 0.41, 1.28));
        s.add(new Stock("GOOG", "Google", "https://www.google.com", 492.63, -6.91, -1.38));
        s.add(new Stock("HPQ", "Hewlett-Packard", "https://www.hp.com", 41.51, -0.03, -0.07));
        s.add(new Stock("IBM", "IBM", "https://www.ibm.com", 116.11, -0.39, -0.33));
        s.add(new Stock("INTC", "Intel", "https://www.intel.com", 18.98, -0.07, -0.37));
        s.add(new Stock("JNJ", "Johnson & Johnson", "https://www.jnj.com", 64.73, 0.28, 0.43));
        s.add(new Stock("JNPR", "Juniper Networks", "https://www.juniper.net", 23.58, 0.69, 3.01));
        s.add(new Stock("MSFT", "Microsoft", "https://www.microsoft.com", 26.16, -0.06, -0.23));
        s.add(new Stock("ORCL", "Oracle", "https://www.oracle.com", 20.19, -0.18, -0.89));
        s.add(new Stock("SAP", "SAP AG", "https://www.sap.com", 47.68, -0.58, -1.2));
        s.add(new Stock("SYMC", "Symantec", "https://www.symantec.com", 17.47, -0.03, -0.17));
        s.add(new Stock("YHOO", "Yahoo!", "https://www.yahoo.com", 20.12, 0.16, 0.8));
        return s;
    }

    /** The stocks with their row presentation, for the logic-less engines. */
    public static List<StockRow> rows(List<Stock> items) {
        List<StockRow> rows = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            rows.add(new StockRow(i + 1, items.get(i)));
        }
        return rows;
    }

    /** The page's text; with {@code escaped} false, names are printed raw (the escaping-off rows). */
    public static String expected(List<Stock> items, boolean escaped) {
        StringBuilder sb = new StringBuilder(8192);
        sb.append("<!DOCTYPE html>\n<html>\n<head>\n<title>Stock Prices</title>\n<meta charset=\"UTF-8\">\n</head>\n")
                .append("<body>\n<h1>Stock Prices</h1>\n<table>\n<thead>\n")
                .append("<tr><th>#</th><th>symbol</th><th>name</th><th>price</th><th>change</th><th>ratio</th></tr>\n")
                .append("</thead>\n<tbody>\n");
        for (int i = 0; i < items.size(); i++) {
            Stock s = items.get(i);
            String name = escaped ? s.getName().replace("&", "&amp;") : s.getName();
            String cls = s.getChange() < 0 ? "<td class=\"minus\">" : "<td>";
            sb.append("<tr class=\"").append(i % 2 == 0 ? "odd" : "even").append("\">\n")
                    .append("<td>").append(i + 1).append("</td>\n")
                    .append("<td><a href=\"/stocks/").append(s.getSymbol()).append("\">").append(s.getSymbol())
                    .append("</a></td>\n")
                    .append("<td><a href=\"").append(s.getUrl()).append("\">").append(name).append("</a></td>\n")
                    .append("<td><strong>").append(s.getPrice()).append("</strong></td>\n")
                    .append(cls).append(s.getChange()).append("</td>\n")
                    .append(cls).append(s.getRatio()).append("</td>\n")
                    .append("</tr>\n");
        }
        return sb.append("</tbody>\n</table>\n</body>\n</html>\n").toString();
    }

    /** The Mustache version, shared by Mustache.java (compiled at run time) and JStachio (at build time). */
    public static final String MUSTACHE = """
            <!DOCTYPE html>
            <html>
            <head>
            <title>Stock Prices</title>
            <meta charset="UTF-8">
            </head>
            <body>
            <h1>Stock Prices</h1>
            <table>
            <thead>
            <tr><th>#</th><th>symbol</th><th>name</th><th>price</th><th>change</th><th>ratio</th></tr>
            </thead>
            <tbody>
            {{#items}}
            <tr class="{{rowClass}}">
            <td>{{index}}</td>
            <td><a href="/stocks/{{stock.symbol}}">{{stock.symbol}}</a></td>
            <td><a href="{{stock.url}}">{{stock.name}}</a></td>
            <td><strong>{{stock.price}}</strong></td>
            {{#negative}}
            <td class="minus">{{stock.change}}</td>
            <td class="minus">{{stock.ratio}}</td>
            {{/negative}}
            {{^negative}}
            <td>{{stock.change}}</td>
            <td>{{stock.ratio}}</td>
            {{/negative}}
            </tr>
            {{/items}}
            </tbody>
            </table>
            </body>
            </html>
            """;
}
