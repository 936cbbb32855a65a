"""Interactive widgets for the notebooks. Builders return the widget; the notebook
displays it. Everything that trains waits for the slider to be released
(``continuous_update=False``); slider ranges are clamped so no setting freezes
the kernel; errors show in the widget's output area: a short message for bad
settings (a diverging learning rate), the full traceback for anything else.

Each widget also has a plain function that computes and draws one setting
(``planar_figure`` ...), so the notebook can show the default picture as a normal
output (visible on GitHub, where widgets do not run) and tests can call it.

One module per notebook: ``intro`` (01), ``logistic`` (02), ``shallow`` (03),
``deep`` (04); ``common`` holds what they share. The live playgrounds: ``live`` (the
Play / Pause / Step machinery), ``planar_live`` (03), ``deep_live`` (04); ``digits``
(04's upload and draw-your-own-digit). Everything is importable from
``helpers.widgets`` directly.
"""

from .common import LAYOUT, WIDE, log_slider, redraw, show  # noqa: F401
from .deep import (parse_layer_dims, shape_rows, shape_table_figure, shape_table_html,  # noqa: F401
                   shape_table_widget)
from .deep_live import DEEP_LIMITS, deep_playground, deep_snapshot, train_deep  # noqa: F401
from .digits import (DigitPad, draw_widget, image_prediction_figure, open_upload,  # noqa: F401
                     upload_widget)
from .intro import (HOUSE_PRICES, HOUSE_SIZES, house_cost, house_figure, house_widget,  # noqa: F401
                    neuron_figure, neuron_outputs, neuron_widget)
from .logistic import (BROADCAST_SHAPES, LOGISTIC_LIMITS, broadcast_widget, descent_1d_figure,  # noqa: F401
                       descent_1d_widget, logistic_figure, logistic_playground, parse_shape)
from .shallow import PLANAR_LIMITS, planar_figure, planar_playground, planar_snapshot  # noqa: F401

__all__ = [name for name in dir() if not name.startswith("_")
           and name not in ("common", "deep", "intro", "logistic", "shallow", "live", "planar_live",
                               "deep_live", "digits")]
