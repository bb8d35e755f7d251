{{%AUTOESCAPE context="HTML"}}
<ul class="resumen-errores" data-k="resumen">{{#ENLACE}}<li><a href="#f-{{NAME}}">{{TEXT}}</a></li>{{/ENLACE}}</ul>
