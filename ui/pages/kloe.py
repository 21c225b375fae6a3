"""Placeholder until the service lands."""

import streamlit as st

st.title("kloe")
st.info("Not available yet.")
