"""Interactive widgets for the notebooks. Builders return the widget; the notebook
displays it. Everything that trains waits for the slider to be released
(``continuous_update=False``); slider ranges are clamped so no setting freezes
the kernel; errors show in the widget's output area: a short message for bad
settings (a diverging learning rate), the full traceback for anything else.

Each widget also has a plain function that computes and draws one setting
(``planar_figure`` ...), so the notebook can show the default picture as a normal
output (visible on GitHub, where widgets do not run) and tests can call it.

Modules are named for the notebook they serve: ``nb01_intro``, ``nb02_logistic``,
``nb03_playground`` (03's live playground; ``nb03_playground_run`` trains and draws
its frames, ``nb03_step_view`` shows one step's numbers, ``nb03_own_data`` is the pad of
your own points), ``nb04_shapes`` (the shape table), ``nb04_playground`` (04's live
playground), ``nb04_digits`` (upload or draw your own digit). ``common``, ``live``
(the Play / Pause / Step machinery), ``frames`` (a frame's picture, drawn and shown) and
``share`` (the line that rebuilds a playground) hold what they share. Everything is importable
from ``helpers.widgets`` directly.
"""

from .common import LAYOUT, WIDE, log_slider, redraw, show  # noqa: F401
from .nb01_intro import (HOUSE_PRICES, HOUSE_SIZES, house_cost, house_figure, house_widget,  # noqa: F401
                         neuron_figure, neuron_outputs, neuron_widget)
from .nb02_logistic import (BROADCAST_SHAPES, LOGISTIC_LIMITS, broadcast_widget,  # noqa: F401
                            descent_1d_figure, descent_1d_widget, logistic_figure,
                            logistic_playground, parse_shape)
from .nb03_playground import PLANAR_LIMITS, planar_figure, planar_playground, planar_snapshot  # noqa: F401
from .nb04_digits import (DigitPad, draw_widget, image_prediction_figure, open_upload,  # noqa: F401
                          upload_widget)
from .nb04_playground import (DEEP_LIMITS, deep_playground, deep_snapshot,  # noqa: F401
                              rate_and_overfitting, train_deep)
from .nb04_shapes import (parse_layer_dims, shape_rows, shape_table_figure,  # noqa: F401
                          shape_table_html, shape_table_widget)

__all__ = [name for name in dir() if not name.startswith("_")
           and name not in ("common", "frames", "live", "share") and not name.startswith("nb0")]
