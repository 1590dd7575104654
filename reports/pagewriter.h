// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "reportcharts.h"

#include <QColor>
#include <QFont>
#include <QList>
#include <QPainter>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

class QPagedPaintDevice;

namespace capaudit::reports {

// Flowing layout onto a paged device, in two passes: a measuring pass (no painter; same fonts and metrics) learns on
// which page every heading lands and how many pages there are; the painting pass then prints the table of contents
// and "page X of Y" from those numbers. Coordinates are device units; pt() converts from typographic points.
class PageWriter {
public:
    enum class Style { Title, Subtitle, H1, H2, Body, BodyBold, Small, Mono, TableHeader, TableCell, TableMono };

    struct Column {
        QString header;
        qreal width = 1; // relative
        bool mono = false;
        Qt::Alignment align = Qt::AlignLeft;
    };
    struct Row {
        Row() = default;
        Row(QStringList values) // implicit: a plain row from its cells
            : cells(std::move(values))
        {
        }
        static Row spanned(const QString& text, bool monospace, bool keep = true)
        {
            Row r({ text });
            r.span = true;
            r.mono = monospace;
            r.keepWithPrevious = keep;
            return r;
        }
        QStringList cells;
        bool span = false; // one cell across all columns (full digests under a row)
        bool mono = false;
        QColor background; // invalid: none
        bool keepWithPrevious = false; // a span row stays on the page of the row above it
    };
    struct Heading {
        int level = 1;
        QString text;
        int page = 0;
    };
    struct Fonts {
        QStringList sans; // family with fallbacks (CJK)
        QStringList mono;
    };

    PageWriter(QPagedPaintDevice* device, bool paint, Fonts fonts);
    ~PageWriter();
    PageWriter(const PageWriter&) = delete;
    PageWriter& operator=(const PageWriter&) = delete;

    bool painting() const
    {
        return m_painter != nullptr;
    }
    QPainter* painter() const
    {
        return m_painter.get();
    }
    qreal pt(qreal points) const
    {
        return points * m_unit;
    }
    QFont font(Style style) const;

    // Page furniture: drawn on every page after the first when painting.
    void setRunningText(const QString& headerLeft, const QString& headerRight, const QString& footerLeft);
    void setPageLabel(std::function<QString(int page, int total)> label);
    void setTotalPages(int total)
    {
        m_totalPages = total;
    }
    int page() const
    {
        return m_page;
    }
    void finish(); // ends the painter

    // Flow.
    void newPage();
    void spacer(qreal points);
    qreal contentWidth() const
    {
        return m_content.width();
    }
    qreal remaining() const
    {
        return m_content.bottom() - m_y;
    }
    void ensureSpace(qreal height); // starts a new page if HEIGHT does not fit (and we are not at the top)

    // A heading starts a new page for level 1; headings() lists them with their pages.
    void heading(int level, const QString& text, qreal keepWithNextPoints = 60);
    const QList<Heading>& headings() const
    {
        return m_headings;
    }
    void text(const QString& text, Style style = Style::Body, const QColor& color = QColor(), qreal indent = 0);
    // Label: value lines, labels in a column of LABELWIDTH points; values wrap.
    void keyValues(const QList<QPair<QString, QString>>& rows, qreal labelWidth = 130, bool monoValues = false);
    // Rows break across pages; the header row is repeated on every page the table continues on.
    void table(const QList<Column>& columns, const QList<Row>& rows);
    // A box of HEIGHT points across the content width; DRAW is only called when painting.
    void box(qreal heightPoints, const std::function<void(QPainter*, const QRectF&)>& draw);
    // A table-of-contents line with dot leaders.
    void tocLine(int level, const QString& text, int pageNumber);

private:
    QStringList wrap(const QString& text, const QFont& font, qreal width) const;
    qreal lineHeight(const QFont& font) const;
    void drawLines(
        const QStringList& lines, const QFont& font, const QRectF& rect, Qt::Alignment align, const QColor& color);
    qreal rowHeight(const QList<Column>& columns, const Row& row, const QList<qreal>& widths) const;
    void drawRow(const QList<Column>& columns, const Row& row, const QList<qreal>& widths, qreal height, bool header);
    void startPage();

    QPagedPaintDevice* m_device;
    ReportPainter m_painter;
    Fonts m_fonts;
    qreal m_unit = 1;
    QRectF m_pageRect;
    QRectF m_content;
    qreal m_y = 0;
    int m_page = 1;
    int m_totalPages = 0;
    QString m_headerLeft, m_headerRight, m_footerLeft;
    std::function<QString(int, int)> m_pageLabel;
    QList<Heading> m_headings;
};

} // namespace capaudit::reports
