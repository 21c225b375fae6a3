"""Placeholder until the service lands."""

import streamlit as st

st.title("evaluation")
st.info("Not available yet.")
