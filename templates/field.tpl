{{%AUTOESCAPE context="HTML"}}
<div class="field{{#ERROR}} invalid{{/ERROR}}">
{{#CHECKBOX}}<label class="check"><input type="checkbox" id="f-{{NAME}}" name="{{NAME}}" value="si"{{#CHECKED}} checked{{/CHECKED}} aria-invalid="{{INVALID}}" aria-describedby="f-{{NAME}}-err"> {{LABEL}}</label>{{/CHECKBOX}}
{{#INPUT}}<label for="f-{{NAME}}">{{LABEL}}</label>{{/INPUT}}{{#SELECT}}<label for="f-{{NAME}}">{{LABEL}}</label>{{/SELECT}}{{#TEXTAREA}}<label for="f-{{NAME}}">{{LABEL}}</label>{{/TEXTAREA}}
{{#HINT}}<p class="hint">{{TEXT}}</p>{{/HINT}}
{{#INPUT}}<input type="{{TYPE}}" id="f-{{NAME}}" name="{{NAME}}" value="{{VALUE}}" aria-invalid="{{INVALID}}" aria-describedby="f-{{NAME}}-err">{{/INPUT}}
{{#SELECT}}<select id="f-{{NAME}}" name="{{NAME}}" aria-invalid="{{INVALID}}" aria-describedby="f-{{NAME}}-err"><option value="">Seleccione…</option>{{#OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{TEXT}}</option>{{/OPTION}}</select>{{/SELECT}}
{{#TEXTAREA}}<textarea id="f-{{NAME}}" name="{{NAME}}" rows="4" aria-invalid="{{INVALID}}" aria-describedby="f-{{NAME}}-err">{{VALUE:pre_escape}}</textarea>{{/TEXTAREA}}
{{#ERROR}}<p class="error" id="f-{{NAME}}-err">{{TEXT}}</p>{{/ERROR}}
</div>
