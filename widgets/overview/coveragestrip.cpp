// SPDX-License-Identifier: GPL-3.0-or-later
#include "overview/coveragestrip.h"

#include "models/coveragemodel.h"

#include <QDateTime>
#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>

namespace capaudit {

namespace {

constexpr int kRowHeight = 15;
constexpr int kGroupGap = 7;
constexpr int kAxisHeight = 18;
constexpr int kLegendHeight = 22;

} // namespace

CoverageStrip::CoverageStrip(CoverageModel* model, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
{
    setObjectName(QStringLiteral("coverageStrip"));
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    auto refresh = [this] {
        updateGeometry();
        update();
    };
    connect(m_model, &QAbstractItemModel::modelReset, this, refresh);
    connect(m_model, &QAbstractItemModel::dataChanged, this, refresh);
}

int CoverageStrip::rowTop(int row) const
{
    // Rows of one provider sit together; a gap separates providers.
    int groups = 0;
    for (int r = 1; r <= row; ++r)
        if (m_model->index(r, 0).data(CoverageModel::ProviderRole)
            != m_model->index(r - 1, 0).data(CoverageModel::ProviderRole))
            ++groups;
    return row * kRowHeight + groups * kGroupGap;
}

int CoverageStrip::contentHeight() const
{
    const int rows = m_model->rowCount();
    return rows == 0 ? fontMetrics().height() * 2 : rowTop(rows - 1) + kRowHeight + kAxisHeight + kLegendHeight + 6;
}

QSize CoverageStrip::sizeHint() const
{
    return { 600, contentHeight() };
}

QSize CoverageStrip::minimumSizeHint() const
{
    return { 300, contentHeight() };
}

CoverageStrip::Geometry CoverageStrip::geometry() const
{
    Geometry g;
    const QFontMetrics fm = fontMetrics();
    int widest = 0;
    for (int r = 0; r < m_model->rowCount(); ++r) {
        widest =
            std::max(widest, fm.horizontalAdvance(m_model->index(r, 0).data(CoverageModel::ProviderRole).toString()));
        widest = std::max(widest,
            fm.horizontalAdvance(
                CoverageModel::kindText(BundleKind(m_model->index(r, 0).data(CoverageModel::KindRole).toInt()))));
    }
    g.labelWidth = widest * 2 + 24;
    g.cellsLeft = g.labelWidth;
    g.cellsWidth = std::max(10, width() - g.cellsLeft - 4);
    return g;
}

QModelIndex CoverageStrip::indexAt(const QPoint& pos) const
{
    const int days = m_model->columnCount();
    if (days == 0)
        return {};
    const Geometry g = geometry();
    if (pos.x() < g.cellsLeft || pos.x() >= g.cellsLeft + g.cellsWidth)
        return {};
    const int column = std::min(days - 1, int(double(pos.x() - g.cellsLeft) * days / g.cellsWidth));
    for (int r = 0; r < m_model->rowCount(); ++r) {
        const int top = rowTop(r);
        if (pos.y() >= top && pos.y() < top + kRowHeight)
            return m_model->index(r, column);
    }
    return {};
}

bool CoverageStrip::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const QModelIndex index = indexAt(help->pos());
        if (index.isValid())
            QToolTip::showText(help->globalPos(), index.data(Qt::ToolTipRole).toString(), this);
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

void CoverageStrip::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    const int rows = m_model->rowCount();
    const int days = m_model->columnCount();
    if (rows == 0 || days == 0) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignLeft | Qt::AlignVCenter, tr("No evidence in the case yet."));
        return;
    }
    const Geometry g = geometry();
    const double cell = double(g.cellsWidth) / days;
    QFont bold = font();
    bold.setBold(true);
    for (int r = 0; r < rows; ++r) {
        const int top = rowTop(r);
        const QModelIndex first = m_model->index(r, 0);
        const QString provider = first.data(CoverageModel::ProviderRole).toString();
        const bool firstOfGroup = r == 0 || m_model->index(r - 1, 0).data(CoverageModel::ProviderRole) != provider;
        const QRect labelRect(0, top, g.labelWidth - 8, kRowHeight);
        p.setPen(palette().color(QPalette::WindowText));
        if (firstOfGroup) {
            p.setFont(bold);
            p.drawText(labelRect, Qt::AlignLeft | Qt::AlignVCenter, provider);
            p.setFont(font());
        }
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(labelRect, Qt::AlignRight | Qt::AlignVCenter,
            CoverageModel::kindText(BundleKind(first.data(CoverageModel::KindRole).toInt())));
        for (int c = 0; c < days; ++c) {
            const QModelIndex index = m_model->index(r, c);
            const QRectF rc(g.cellsLeft + c * cell, top + 1, std::max(1.0, cell - (cell > 4 ? 1 : 0)), kRowHeight - 2);
            p.fillRect(rc, index.data(Qt::BackgroundRole).value<QColor>());
            const auto state = CoverageState(index.data(CoverageModel::StateRole).toInt());
            if (index.data(CoverageModel::AttemptedRole).toBool() && state != CoverageState::Rejected
                && state != CoverageState::Unreadable) {
                // A refused bundle behind good evidence: a dark corner, so it is not lost.
                p.fillRect(QRectF(rc.left(), rc.bottom() - 4, rc.width(), 4),
                    CoverageModel::stateColor(CoverageState::Rejected));
            }
        }
    }
    // Dates: a tick at the first day of each week (or month, for long periods).
    const int axisTop = rowTop(rows - 1) + kRowHeight + 2;
    p.setPen(palette().color(QPalette::PlaceholderText));
    const qint64 firstDay = m_model->firstDay();
    const int every = days > 120 ? 30 : days > 40 ? 14 : days > 14 ? 7 : 1;
    const int labelWidth = fontMetrics().horizontalAdvance(QStringLiteral("2026-09-30")) + 8;
    int lastRight = -1;
    for (int c = 0; c < days; c += every) {
        const int x = g.cellsLeft + int(c * cell);
        if (x < lastRight)
            continue;
        if (x + labelWidth > width())
            break; // a date cut off at the edge reads as another date
        p.drawLine(x, axisTop, x, axisTop + 3);
        const QString text =
            QDateTime::fromSecsSinceEpoch(firstDay + qint64(c) * 86400, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd"));
        p.drawText(QRect(x + 2, axisTop, labelWidth, kAxisHeight), Qt::AlignLeft | Qt::AlignVCenter, text);
        lastRight = x + labelWidth;
    }
    paintLegend(p, axisTop + kAxisHeight + 4);
}

void CoverageStrip::paintLegend(QPainter& p, int y)
{
    const QList<CoverageState> states { CoverageState::Verified, CoverageState::Partial, CoverageState::Untrusted,
        CoverageState::Rejected, CoverageState::Unreadable, CoverageState::Missing };
    int x = geometry().cellsLeft;
    const QFontMetrics fm = fontMetrics();
    for (CoverageState s : states) {
        p.fillRect(QRect(x, y + 3, 12, 12), CoverageModel::stateColor(s));
        x += 16;
        const QString text = CoverageModel::stateText(s);
        p.setPen(palette().color(QPalette::WindowText));
        p.drawText(
            QRect(x, y, fm.horizontalAdvance(text) + 4, kLegendHeight - 4), Qt::AlignLeft | Qt::AlignVCenter, text);
        x += fm.horizontalAdvance(text) + 18;
    }
}

} // namespace capaudit
