// SPDX-License-Identifier: GPL-3.0-or-later
#include "pagewriter.h"

#include "reportcharts.h"

#include <QFontMetricsF>
#include <QPagedPaintDevice>
#include <QTextLayout>

#include <algorithm>

namespace capaudit::reports {

namespace {

const QColor kInk(0x20, 0x20, 0x20);
const QColor kMuted(0x60, 0x60, 0x60);
const QColor kRule(0xb0, 0xb0, 0xb0);
const QColor kHeaderFill(0x2f, 0x4b, 0x6e);
const QColor kZebra(0xf2, 0xf4, 0xf7);

// Margins in points.
constexpr qreal kMarginSide = 50;
constexpr qreal kMarginTop = 62;
constexpr qreal kMarginBottom = 56;
constexpr qreal kCellPadX = 3;
constexpr qreal kCellPadY = 2;

QString rightTrimmed(const QString& s)
{
    qsizetype n = s.size();
    while (n > 0 && s.at(n - 1).isSpace())
        --n;
    return s.left(n);
}

} // namespace

PageWriter::PageWriter(QPagedPaintDevice* device, bool paint, Fonts fonts)
    : m_device(device)
    , m_fonts(std::move(fonts))
{
    m_unit = device->logicalDpiX() / 72.0;
    m_pageRect = QRectF(0, 0, device->width(), device->height());
    m_content = m_pageRect.adjusted(pt(kMarginSide), pt(kMarginTop), -pt(kMarginSide), -pt(kMarginBottom));
    m_y = m_content.top();
    if (paint) {
        m_painter = createReportPainter(device);
        m_painter->setRenderHint(QPainter::Antialiasing, true);
        m_painter->setRenderHint(QPainter::TextAntialiasing, true);
        startPage();
    }
}

PageWriter::~PageWriter()
{
    finish();
}

void PageWriter::finish()
{
    if (m_painter && m_painter->isActive())
        m_painter->end();
}

QFont PageWriter::font(Style style) const
{
    QFont f;
    const bool mono = style == Style::Mono || style == Style::TableMono;
    f.setFamilies(mono ? m_fonts.mono : m_fonts.sans);
    f.setStyleHint(mono ? QFont::Monospace : QFont::SansSerif);
    f.setHintingPreference(QFont::PreferNoHinting);
    // No ligatures: a finding id or digest set in the body font ("…39bfdbff6e") must copy out of the PDF as the
    // characters it is made of, not as U+FB00, or an auditor's citation no longer matches the JSON.
    f.setStyleStrategy(QFont::PreferNoShaping);
    f.setKerning(true);
    qreal size = 9.5;
    bool bold = false;
    switch (style) {
    case Style::Title:
        size = 24, bold = true;
        break;
    case Style::Subtitle:
        size = 13;
        break;
    case Style::H1:
        size = 16, bold = true;
        break;
    case Style::H2:
        size = 11.5, bold = true;
        break;
    case Style::Body:
        break;
    case Style::BodyBold:
        bold = true;
        break;
    case Style::Small:
        size = 8;
        break;
    case Style::Mono:
        size = 7.5;
        break;
    case Style::TableHeader:
        size = 8, bold = true;
        break;
    case Style::TableCell:
        size = 8;
        break;
    case Style::TableMono:
        size = 7;
        break;
    }
    f.setPointSizeF(size);
    f.setBold(bold);
    return f;
}

void PageWriter::setRunningText(const QString& headerLeft, const QString& headerRight, const QString& footerLeft)
{
    m_headerLeft = headerLeft;
    m_headerRight = headerRight;
    m_footerLeft = footerLeft;
}

void PageWriter::setPageLabel(std::function<QString(int, int)> label)
{
    m_pageLabel = std::move(label);
}

qreal PageWriter::lineHeight(const QFont& f) const
{
    return QFontMetricsF(f, m_device).lineSpacing();
}

QStringList PageWriter::wrap(const QString& text, const QFont& f, qreal width) const
{
    QStringList out;
    QTextOption option;
    // Long hex digests and file paths have no spaces: break them anywhere rather than run off the page.
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    for (const QString& paragraph : text.split(QLatin1Char('\n'))) {
        if (paragraph.isEmpty()) {
            out.append(QString());
            continue;
        }
        QTextLayout layout(paragraph, f, m_device);
        layout.setTextOption(option);
        layout.beginLayout();
        for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
            line.setLineWidth(width);
            out.append(rightTrimmed(paragraph.mid(line.textStart(), line.textLength())));
        }
        layout.endLayout();
    }
    return out;
}

void PageWriter::drawLines(
    const QStringList& lines, const QFont& f, const QRectF& rect, Qt::Alignment align, const QColor& color)
{
    if (!m_painter)
        return;
    const QFontMetricsF fm(f, m_device);
    m_painter->setFont(f);
    m_painter->setPen(color.isValid() ? color : kInk);
    qreal y = rect.top();
    for (const QString& line : lines) {
        qreal x = rect.left();
        if (align & Qt::AlignRight)
            x = rect.right() - fm.horizontalAdvance(line);
        else if (align & Qt::AlignHCenter)
            x = rect.left() + (rect.width() - fm.horizontalAdvance(line)) / 2;
        m_painter->drawText(QPointF(x, y + fm.ascent()), line);
        y += fm.lineSpacing();
    }
}

void PageWriter::startPage()
{
    if (!m_painter)
        return;
    const QFont small = font(Style::Small);
    const qreal lh = lineHeight(small);
    if (m_page > 1) {
        const qreal top = m_pageRect.top() + pt(30);
        const QRectF band(m_content.left(), top, m_content.width(), lh);
        drawLines({ m_headerLeft }, small, band, Qt::AlignLeft, kMuted);
        drawLines({ m_headerRight }, small, band, Qt::AlignRight, kMuted);
        m_painter->setPen(QPen(kRule, pt(0.5)));
        m_painter->drawLine(QPointF(m_content.left(), top + lh + pt(2)), QPointF(m_content.right(), top + lh + pt(2)));
    }
    const qreal bottom = m_pageRect.bottom() - pt(30);
    m_painter->setPen(QPen(kRule, pt(0.5)));
    m_painter->drawLine(
        QPointF(m_content.left(), bottom - lh - pt(3)), QPointF(m_content.right(), bottom - lh - pt(3)));
    const QRectF band(m_content.left(), bottom - lh, m_content.width(), lh);
    drawLines({ m_footerLeft }, small, band, Qt::AlignLeft, kMuted);
    const QString label = m_pageLabel ? m_pageLabel(m_page, m_totalPages) : QString::number(m_page);
    drawLines({ label }, small, band, Qt::AlignRight, kMuted);
}

void PageWriter::newPage()
{
    if (m_painter)
        m_device->newPage();
    ++m_page;
    m_y = m_content.top();
    startPage();
}

void PageWriter::spacer(qreal points)
{
    m_y += pt(points);
}

void PageWriter::ensureSpace(qreal height)
{
    if (height > remaining() && m_y > m_content.top() + 0.5)
        newPage();
}

void PageWriter::heading(int level, const QString& text, qreal keepWithNextPoints)
{
    const QFont f = font(level <= 1 ? Style::H1 : Style::H2);
    const QStringList lines = wrap(text, f, m_content.width());
    const qreal h = lines.size() * lineHeight(f);
    if (level <= 1) {
        if (m_y > m_content.top() + 0.5)
            newPage();
    } else {
        spacer(6);
        ensureSpace(h + pt(keepWithNextPoints)); // never leave a heading alone at the foot of a page
    }
    m_headings.append({ level, text, m_page });
    drawLines(lines, f, QRectF(m_content.left(), m_y, m_content.width(), h), Qt::AlignLeft, kHeaderFill);
    m_y += h;
    if (level <= 1 && m_painter) {
        m_painter->setPen(QPen(kHeaderFill, pt(1)));
        m_painter->drawLine(QPointF(m_content.left(), m_y + pt(2)), QPointF(m_content.right(), m_y + pt(2)));
    }
    spacer(level <= 1 ? 10 : 4);
}

void PageWriter::text(const QString& text, Style style, const QColor& color, qreal indent)
{
    const QFont f = font(style);
    const qreal width = m_content.width() - pt(indent);
    const qreal lh = lineHeight(f);
    QStringList lines = wrap(text, f, width);
    // Paragraphs may continue on the next page, line by line.
    while (!lines.isEmpty()) {
        ensureSpace(lh);
        const int fit = std::max(1, int(remaining() / lh));
        const QStringList chunk = lines.mid(0, fit);
        lines = lines.mid(chunk.size());
        const qreal h = chunk.size() * lh;
        drawLines(chunk, f, QRectF(m_content.left() + pt(indent), m_y, width, h), Qt::AlignLeft, color);
        m_y += h;
        if (!lines.isEmpty())
            newPage();
    }
    spacer(3);
}

void PageWriter::keyValues(const QList<QPair<QString, QString>>& rows, qreal labelWidth, bool monoValues)
{
    const QFont labelFont = font(Style::BodyBold);
    const QFont valueFont = font(monoValues ? Style::Mono : Style::Body);
    const qreal lw = pt(labelWidth);
    const qreal vw = m_content.width() - lw;
    // A short block stays on one page.
    qreal total = 0;
    for (const auto& [label, value] : rows)
        total += std::max(wrap(label, labelFont, lw - pt(6)).size() * lineHeight(labelFont),
                     wrap(value, valueFont, vw).size() * lineHeight(valueFont))
            + pt(1.5);
    if (total < m_content.height() / 3)
        ensureSpace(total);
    for (const auto& [label, value] : rows) {
        const QStringList l = wrap(label, labelFont, lw - pt(6));
        const QStringList v = wrap(value, valueFont, vw);
        const qreal h = std::max(l.size() * lineHeight(labelFont), v.size() * lineHeight(valueFont));
        ensureSpace(h);
        drawLines(l, labelFont, QRectF(m_content.left(), m_y, lw, h), Qt::AlignLeft, kMuted);
        drawLines(v, valueFont, QRectF(m_content.left() + lw, m_y, vw, h), Qt::AlignLeft, kInk);
        m_y += h + pt(1.5);
    }
    spacer(4);
}

qreal PageWriter::rowHeight(const QList<Column>& columns, const Row& row, const QList<qreal>& widths) const
{
    qreal h = 0;
    if (row.span) {
        const QFont f = font(row.mono ? Style::TableMono : Style::TableCell);
        h = wrap(row.cells.value(0), f, m_content.width() - 2 * pt(kCellPadX)).size() * lineHeight(f);
    } else {
        for (int c = 0; c < columns.size(); ++c) {
            const QFont f = font(columns[c].mono ? Style::TableMono : Style::TableCell);
            h = std::max(h, wrap(row.cells.value(c), f, widths[c] - 2 * pt(kCellPadX)).size() * lineHeight(f));
        }
    }
    return h + 2 * pt(kCellPadY);
}

void PageWriter::drawRow(
    const QList<Column>& columns, const Row& row, const QList<qreal>& widths, qreal height, bool header)
{
    if (!m_painter) {
        m_y += height;
        return;
    }
    const QRectF full(m_content.left(), m_y, m_content.width(), height);
    if (header)
        m_painter->fillRect(full, kHeaderFill);
    else if (row.background.isValid())
        m_painter->fillRect(full, row.background);
    const QColor ink = header ? QColor(Qt::white) : kInk;
    if (row.span) {
        const QFont f = font(row.mono ? Style::TableMono : Style::TableCell);
        const QRectF r = full.adjusted(pt(kCellPadX), pt(kCellPadY), -pt(kCellPadX), -pt(kCellPadY));
        drawLines(wrap(row.cells.value(0), f, r.width()), f, r, Qt::AlignLeft, ink);
    } else {
        qreal x = m_content.left();
        for (int c = 0; c < columns.size(); ++c) {
            const QFont f = font(header ? Style::TableHeader : (columns[c].mono ? Style::TableMono : Style::TableCell));
            const QRectF r(
                x + pt(kCellPadX), m_y + pt(kCellPadY), widths[c] - 2 * pt(kCellPadX), height - 2 * pt(kCellPadY));
            const QString cell = header ? columns[c].header : row.cells.value(c);
            drawLines(wrap(cell, f, r.width()), f, r, header ? Qt::AlignLeft : columns[c].align, ink);
            x += widths[c];
        }
    }
    m_y += height;
}

void PageWriter::table(const QList<Column>& columns, const QList<Row>& rows)
{
    qreal total = 0;
    for (const Column& c : columns)
        total += c.width;
    QList<qreal> widths;
    for (const Column& c : columns)
        widths.append(m_content.width() * c.width / total);

    // The header is measured with the header font (bold) over the same widths.
    qreal headerHeight = 0;
    for (int c = 0; c < columns.size(); ++c) {
        const QFont f = font(Style::TableHeader);
        headerHeight =
            std::max(headerHeight, wrap(columns[c].header, f, widths[c] - 2 * pt(kCellPadX)).size() * lineHeight(f));
    }
    headerHeight += 2 * pt(kCellPadY);
    const Row headerRow;

    // Groups: a row with the span rows that keep with it; a group never splits across pages.
    QList<QPair<int, int>> groups; // first, count
    for (int i = 0; i < rows.size(); ++i) {
        if (rows[i].keepWithPrevious && !groups.isEmpty())
            ++groups.last().second;
        else
            groups.append({ i, 1 });
    }
    ensureSpace(headerHeight + (rows.isEmpty() ? 0 : rowHeight(columns, rows.first(), widths)));
    drawRow(columns, headerRow, widths, headerHeight, true);
    for (int g = 0; g < groups.size(); ++g) {
        const auto [first, count] = groups[g];
        QList<qreal> heights;
        qreal groupHeight = 0;
        for (int i = first; i < first + count; ++i) {
            heights.append(rowHeight(columns, rows[i], widths));
            groupHeight += heights.last();
        }
        if (groupHeight > remaining()) {
            newPage();
            drawRow(columns, headerRow, widths, headerHeight, true);
        }
        const qreal top = m_y;
        for (int i = first; i < first + count; ++i) {
            Row row = rows[i];
            if (!row.background.isValid() && g % 2 == 1)
                row.background = kZebra;
            drawRow(columns, row, widths, heights[i - first], false);
        }
        if (m_painter) {
            m_painter->setPen(QPen(kRule, pt(0.3)));
            m_painter->drawLine(QPointF(m_content.left(), m_y), QPointF(m_content.right(), m_y));
        }
        Q_UNUSED(top)
    }
    spacer(8);
}

void PageWriter::box(qreal heightPoints, const std::function<void(QPainter*, const QRectF&)>& draw)
{
    const qreal h = pt(heightPoints);
    ensureSpace(h);
    if (m_painter) {
        m_painter->save();
        draw(m_painter.get(), QRectF(m_content.left(), m_y, m_content.width(), h));
        m_painter->restore();
    }
    m_y += h;
}

void PageWriter::tocLine(int level, const QString& text, int pageNumber)
{
    const QFont f = font(level <= 1 ? Style::BodyBold : Style::Body);
    const qreal lh = lineHeight(f);
    ensureSpace(lh);
    if (m_painter) {
        const QFontMetricsF fm(f, m_device);
        const qreal indent = pt(level <= 1 ? 0 : 16);
        const QString number = QString::number(pageNumber);
        const qreal numberWidth = fm.horizontalAdvance(number);
        const qreal textWidth = fm.horizontalAdvance(text);
        const qreal left = m_content.left() + indent;
        drawLines({ text }, f, QRectF(left, m_y, m_content.width() - indent, lh), Qt::AlignLeft, kInk);
        drawLines({ number }, f, QRectF(m_content.left(), m_y, m_content.width(), lh), Qt::AlignRight, kInk);
        const qreal dotsFrom = left + textWidth + pt(6);
        const qreal dotsTo = m_content.right() - numberWidth - pt(6);
        const qreal dotWidth = fm.horizontalAdvance(QStringLiteral(". "));
        if (dotsTo > dotsFrom && dotWidth > 0) {
            const QString dots = QStringLiteral(". ").repeated(int((dotsTo - dotsFrom) / dotWidth));
            drawLines({ dots }, f, QRectF(dotsTo - fm.horizontalAdvance(dots), m_y, dotsTo - dotsFrom, lh),
                Qt::AlignLeft, kRule);
        }
    }
    m_y += lh + pt(level <= 1 ? 3 : 1);
}

} // namespace capaudit::reports
