// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

namespace capaudit {

class CoverageModel;

// Paints a CoverageModel as a heat strip: a band of day cells per provider and kind of evidence, grouped by provider,
// with the date along the bottom and a legend. A gap shows as a red run before anyone reads a table.
class CoverageStrip : public QWidget {
    Q_OBJECT
public:
    explicit CoverageStrip(CoverageModel* model, QWidget* parent = nullptr);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    // The cell at POS as a model index (invalid outside the cells); for tooltips and tests.
    QModelIndex indexAt(const QPoint& pos) const;

protected:
    void paintEvent(QPaintEvent* event) override;
    bool event(QEvent* event) override;

private:
    struct Geometry {
        int labelWidth = 0;
        int cellsLeft = 0;
        int cellsWidth = 0;
        int top = 0;
    };
    Geometry geometry() const;
    int rowTop(int row) const;
    int contentHeight() const;
    void paintLegend(QPainter& p, int y);

    CoverageModel* m_model;
};

} // namespace capaudit
