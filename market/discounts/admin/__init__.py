"""The bureau's discount screens in the Wagtail admin; wagtail_hooks.py registers them."""
