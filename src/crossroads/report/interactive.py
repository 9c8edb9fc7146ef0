"""Draw a FigureSpec as an interactive Plotly chart (hover, zoom, legend toggles), embedded in the page."""

from __future__ import annotations

from datetime import date

import plotly.graph_objects as go

from crossroads.model.reference import Era
from crossroads.report.spec import PALETTE, FigureSpec

ERA_FILL = ("rgba(0,0,0,0.06)", "rgba(0,0,0,0)")


def _era_x(day: date, kind: str) -> object:
    if kind == "date":
        return day.isoformat()
    return day.year + (day.timetuple().tm_yday - 1) / 365.25


def _x_range(spec: FigureSpec) -> list[str]:
    """The whole period, so the last year (2021) is not cut at the right edge."""
    return ["1946-07-01", "2022-06-30"]


def to_plotly(spec: FigureSpec, eras: list[Era]) -> go.Figure:
    fig = go.Figure()
    for i, trace in enumerate(spec.traces):
        color = trace.color or PALETTE[i % len(PALETTE)]
        line = {"color": color, "dash": "dash" if trace.dash else "solid"}
        if trace.kind == "band":
            fig.add_trace(
                go.Scatter(
                    x=trace.x,
                    y=trace.y_high,
                    mode="lines",
                    line={"width": 0},
                    showlegend=False,
                    hoverinfo="skip",
                    name=f"{trace.name} (upper)",
                )
            )
            fig.add_trace(
                go.Scatter(
                    x=trace.x,
                    y=trace.y,
                    mode="lines",
                    line={"width": 0},
                    fill="tonexty",
                    fillcolor="rgba(0,114,178,0.18)",
                    name=trace.name,
                    hoverinfo="skip",
                )
            )
        elif trace.kind == "bar":
            fig.add_trace(go.Bar(x=trace.x, y=trace.y, name=trace.name, marker_color=color, hovertext=trace.text))
        elif trace.kind == "markers":
            fig.add_trace(
                go.Scatter(
                    x=trace.x,
                    y=trace.y,
                    mode="markers",
                    name=trace.name,
                    marker={"color": color, "size": 7, "opacity": 0.8},
                    hovertext=trace.text,
                    hoverinfo="text" if trace.text else "x+y",
                    customdata=trace.ids,
                )
            )
        else:
            fig.add_trace(
                go.Scatter(
                    x=trace.x,
                    y=trace.y,
                    mode="lines",
                    name=trace.name,
                    line=line,
                    line_shape="hv" if trace.kind == "step" else "linear",
                    connectgaps=False,
                    hovertext=trace.text,
                )
            )
    if spec.shade_eras:
        for i, era in enumerate(eras):
            fig.add_vrect(
                x0=_era_x(era.start, spec.x_kind),
                x1=_era_x(era.end, spec.x_kind),
                fillcolor=ERA_FILL[i % 2],
                line_width=0,
                layer="below",
                annotation_text=era.id.upper(),
                annotation_hovertext=f"{era.label} ({era.start.year}–{era.end.year})",
                annotation_position="top left",
                annotation_font_size=10,
                annotation_font_color="#555",
            )
    for marker in spec.markers:
        # Without a label, no annotation at all (Plotly would write "new text").
        label = (
            {"annotation_text": marker.label, "annotation_font_size": 9, "annotation_position": "bottom right"}
            if marker.label
            else {}
        )
        fig.add_vline(
            x=marker.x, line_dash="dot" if marker.dashed else "solid", line_color="#444", line_width=1, **label
        )
    fig.update_layout(
        template="simple_white",
        height=spec.height,
        margin={"l": 60, "r": 20, "t": 30, "b": 40},
        legend={"orientation": "h", "y": -0.18},
        xaxis={"range": _x_range(spec)} if spec.x_kind == "date" else {},
        hovermode="closest",
        yaxis_title=spec.y_label,
        xaxis_title=spec.x_label,
        font={"family": "system-ui, sans-serif"},
    )
    if spec.categories:
        fig.update_yaxes(categoryorder="array", categoryarray=spec.categories, type="category")
    return fig


def to_div(spec: FigureSpec, eras: list[Era]) -> str:
    """The chart as an HTML fragment; the Plotly library itself is embedded once by the page."""
    html: str = to_plotly(spec, eras).to_html(
        full_html=False,
        include_plotlyjs=False,
        div_id=f"chart-{spec.id}",
        config={"displaylogo": False, "responsive": True, "modeBarButtonsToRemove": ["toImage"]},
    )
    return html
